/**
 * Names written in capitals, or with a capital inside, that are the names of companies, products and tools,
 * not short for a phrase a reader would expand (GUIDE: "names that are not short for a phrase … company or
 * product names"). Their shape is an acronym's, so neither the model nor a shape rule can tell them apart;
 * each is listed because its owner writes it so, as a name. A document that defines one with a long form
 * still gets it tagged: the definition wins (see `review`). Users add their own with
 * `plodTagger.notAbbreviations`.
 */
export const NOT_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Companies and organisations known by their capitals alone, which stand for no phrase in use.
  ...['NVIDIA', 'MITRE', 'IKEA', 'LEGO', 'ASUS'],
  // Operating systems and products written with a lower-case prefix.
  ...['iOS', 'macOS', 'iPadOS', 'watchOS', 'tvOS', 'visionOS', 'iPhone', 'iPad', 'iPod'],
  // Tools named in capitals after no phrase.
  ...['HMMER', 'UNIX', 'LINUX'],
]);
