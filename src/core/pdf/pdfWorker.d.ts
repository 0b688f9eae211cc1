/** pdf.js's worker module: loaded in the same thread, it answers the document's requests itself. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
