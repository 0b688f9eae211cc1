/**
 * Text for a VS Code notification. Notifications render `[label](command:…)`, `(https:…)` and `(file:…)`
 * links, so a server's error message or a document's words could offer a button that runs any command.
 * Breaking the `](` pair leaves the words readable and links none; line breaks and control characters go too.
 */
export function noLinks(text: string, max = 500): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\]\s*\(/g, '] (');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
