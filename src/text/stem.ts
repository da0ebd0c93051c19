/**
 * A light English stemmer: plurals, possessives and the regular -ed/-ing/-ly endings, plus the
 * irregular verbs questions use most ("met" for "meet"). Deliberately weaker than Porter:
 * it must never merge unrelated words, because a wrong merge cites the wrong passage.
 */
const IRREGULAR: Readonly<Record<string, string>> = {
  met: "meet",
  meets: "meet",
  meeting: "meet",
  meetings: "meet",
  said: "say",
  says: "say",
  went: "go",
  gone: "go",
  took: "take",
  taken: "take",
  began: "begin",
  begun: "begin",
  grew: "grow",
  grown: "grow",
  led: "lead",
  children: "child",
  men: "man",
  women: "woman",
  people: "people",
};

/** The irregular forms by the stem they turn into: term finders ask for every question term. */
const IRREGULAR_FORMS: ReadonlyMap<string, readonly string[]> = Object.entries(IRREGULAR).reduce(
  (forms, [word, term]) => forms.set(term, [...(forms.get(term) ?? []), word]),
  new Map<string, string[]>(),
);

/** The irregular forms that `stem` turns into `term` ("met" and "meeting" for "meet"). */
export function irregularFormsOf(term: string): readonly string[] {
  return IRREGULAR_FORMS.get(term) ?? [];
}

const VOWEL = /[aeiouy]/;

export function stem(word: string): string {
  // Own keys only: "constructor" is a word, not the record's inherited property.
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word] as string;
  if (word.length <= 3 || /\d/.test(word)) return word;
  return dropFinalE(stripSuffix(word));
}

/** "complete" and "completed" must meet: both end as "complet". */
function dropFinalE(w: string): string {
  return w.length > 4 && w.endsWith("e") && !w.endsWith("ee") ? w.slice(0, -1) : w;
}

function stripSuffix(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) return w;
  if (w.endsWith("es") && /(ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && w.length > 3) return w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5 && VOWEL.test(w.slice(0, -3)))
    return undouble(w.slice(0, -3));
  if (w.endsWith("ied") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("ed") && w.length > 4 && VOWEL.test(w.slice(0, -2)))
    return undouble(w.slice(0, -2));
  return w;
}

/** "stopped" → "stopp" → "stop"; keeps "ll", "ss" and "zz", which English doubles in the stem. */
function undouble(w: string): string {
  const last = w.at(-1);
  if (last !== undefined && last === w.at(-2) && !"lsz".includes(last)) return w.slice(0, -1);
  return w;
}
