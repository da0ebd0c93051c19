/**
 * Words that carry no topic: English function words plus the question words people type
 * ("who did…", "what was…"). Removed at index time too, which is what keeps common-word
 * queries cheap at 100,000 passages (see shared/design/search-performance.md).
 *
 * Not the fact extractor's list of words too common to be tags (knowledge/extract/lexicon.ts):
 * that one also drops numbers, dates' words and "new", "first", "year", which a question may
 * well search for. Merging them would change what the index holds.
 */
export const INDEX_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been
  before being below between both but by can can't cannot could couldn't did didn't do does
  doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
  having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll
  i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
  not of off on once only or other ought our ours ourselves out over own same shan't she she'd
  she'll she's should shouldn't so some such than that that's the their theirs them themselves
  then there there's these they they'd they'll they're they've this those through to too under
  until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
  where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
  you're you've your yours yourself yourselves tell say says said know anything something
  whether please many much`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that questions use to ask rather than to name a topic ("what type of…", "the name of
 * the…", "what is it called"): removed from questions only, since articles use them as words.
 */
export const QUESTION_ONLY_STOP_WORDS: ReadonlySet<string> = new Set(
  "name named type kind called sort".split(" "),
);
