import { fold } from './fold.js';
import type { Locale } from './types.js';

/**
 * Per-language word lists for the language steps. Kept small and hand-made: generic stopword lists drop words
 * that decide an intent here ("inte", "ingen", "adjö", "bra"), so only function words are listed.
 */
export interface Lexicon {
  /** Function words removed before matching. */
  stopwords: ReadonlySet<string>;
  /** Courtesy and sign-off words ("undrar", "mvh"), removed when a message also says something else. */
  fillers: ReadonlySet<string>;
  /** SMS shorthand and casual spellings → the words they stand for. */
  shorthand: ReadonlyMap<string, string>;
  /** Rarer words read as the common word of the same meaning ("redigera" → "ändra"), so one example teaches both. */
  synonyms: ReadonlyMap<string, string>;
  /** Words nearly every question contains (the product's name): they count, but little. */
  weak: ReadonlySet<string>;
  /** Fixed expressions read as one word, so their parts do not mislead ("hej då" is no greeting). */
  phrases: readonly (readonly [RegExp, string])[];
}

/** A whole-word pattern; `\\b` only knows ASCII letters, so "hej då" needs Unicode-aware boundaries. */
function phrase(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, 'gu');
}

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

const sv: Lexicon = {
  weak: words('infomentor hub'),
  phrases: [
    [phrase('hej\\s*d[åa]'), 'hejdå'],
    [phrase('ha\\s+de[t]?\\s+(bra|gött|gott|fint)'), 'hejdå'],
    [phrase('vi\\s+h[öo]rs'), 'hejdå'],
    [phrase('tack\\s+s[åa]\\s+(mycket|mkt)'), 'tack'],
    [phrase('ta\\s+ledig[t]?'), 'ledighet'],
    [phrase('ha\\s+en\\s+(bra|trevlig|fin|sk[öo]n|h[äa]rlig)\\s+(dag|kv[äa]ll|helg)'), 'hejdå'],
    // "Trevlig helg!" says goodbye; "god kväll" says hello, so "god" is not among these.
    [phrase('(trevlig|sk[öo]n|h[äa]rlig)\\s+(dag|kv[äa]ll|helg|forts[äa]ttning)'), 'hejdå'],
    [phrase('god\\s*natt'), 'hejdå'],
    [phrase('st[äa]ll(a|er)?\\s+in'), 'avboka'],
  ],
  stopwords: words(`
    och i att det som på är av för med till den har de inte_ om ett men er han hon vi jag du ni man
    min mitt mina din ditt dina sin sitt sina vår vårt våra er ert era hans hennes deras dess
    mig dig sig oss dem honom henne denna detta dessa där här då så nu än bara också ju väl
    en ett var_ vara varit blir bli blev kan_ ska skall skulle vill_ måste får_ går_ gör göra har hade haft ha
    hur vad vem vilken vilket vilka när varför vart hej_
    någon något några sådan sådant sådana lite mycket mer mera alla allt andra_ annat
    eller om men fast även ännu redan sen sedan grej grejen grejer grejor
    the a
  `),
  fillers: words(`
    förhand snälla vänliga hälsningar mvh undrar undra funderar undrade mamma pappa förälder vårdnadshavare ok okej okey
  `),
  shorthand: new Map([
    ['ja', 'jag'],
    ['ja:', 'jag'],
    ['me', 'med'],
    ['mkt', 'mycket'],
    ['ngn', 'någon'],
    ['ngt', 'något'],
    ['nån', 'någon'],
    ['nåt', 'något'],
    ['nåra', 'några'],
    ['iaf', 'i alla fall'],
    ['pga', 'på grund av'],
    ['tel', 'telefon'],
    ['tfn', 'telefon'],
    ['imorn', 'imorgon'],
    ['imorrn', 'imorgon'],
    ['imrn', 'imorgon'],
    ['imon', 'imorgon'],
    ['hejj', 'hej'],
    ['e', 'är'],
    ['tjaa', 'tja'],
    ['lösen', 'lösenord'],
    ['losen', 'lösenord'],
    ['pw', 'lösenord'],
    ['inlogg', 'inloggning'],
    ['inlog', 'inloggning'],
    ['mail', 'mejl'],
    ['mailen', 'mejlet'],
    ['mailet', 'mejlet'],
    ['e-post', 'mejl'],
    ['epost', 'mejl'],
    ['dom', 'de'],
    ['o', 'och'],
    ['å', 'och'],
    ['va', 'vad'],
    ['hu', 'hur'],
    ['sj', 'sjuk'],
    ['fritis', 'fritids'],
    ['utv', 'utvecklingssamtal'],
    ['utvsamtal', 'utvecklingssamtal'],
    ['ledigt', 'ledighet'],
    ['int', 'inte'],
    ['ej', 'inte'],
    ['mej', 'mig'],
    ['dej', 'dig'],
    ['sej', 'sig'],
    ['lr', 'eller'],
    ['vrf', 'varför'],
    ['varfö', 'varför'],
    ['kmr', 'kommer'],
    ['anv', 'användarnamn'],
    ['anvnamn', 'användarnamn'],
    ['usernamn', 'användarnamn'],
    ['lösenorde', 'lösenordet'],
    ['appn', 'appen'],
  ]),
  synonyms: new Map([
    ['redigera', 'ändra'],
    ['redigerar', 'ändrar'],
  ]),
};

const en: Lexicon = {
  weak: words('infomentor hub'),
  phrases: [
    [phrase('bye[\\s-]*bye'), 'bye'],
    [phrase('good\\s*bye'), 'goodbye'],
    [phrase('see\\s+(you|ya|u)'), 'goodbye'],
    [phrase('have\\s+a\\s+(nice|good|great|lovely|pleasant)\\s+(day|evening|night|weekend|one|afternoon)'), 'goodbye'],
    [phrase('good\\s*night'), 'goodbye'],
    [phrase('(thank\\s*you|thank\\s*u|thx|ty)'), 'thanks'],
    [phrase('call(s|ed|ing)?\\s+off'), 'cancel'],
  ],
  stopwords: words(`
    the a an and or of to in on at for with from by about as is are was were be been being am
    i me my mine you your yours he she it its we our they their them his her this that these those
    there here then so just also do does did doing done can_ could would should will shall may might must
    what which who whom when where why how
    some any all much many more very really please pls
  `),
  fillers: words(`
    regards kind best advance wondering wonder mum mom dad parent guardian ok okay
  `),
  shorthand: new Map([
    ['u', 'you'],
    ['ur', 'your'],
    ['r', 'are'],
    ['pls', 'please'],
    ['plz', 'please'],
    ['cant', 'can not'],
    ['cannot', 'can not'],
    ['dont', 'do not'],
    ['doesnt', 'does not'],
    ['didnt', 'did not'],
    ['wont', 'will not'],
    ['isnt', 'is not'],
    ['havent', 'have not'],
    ['im', 'i am'],
    ['ive', 'i have'],
    ['pw', 'password'],
    ['pwd', 'password'],
    ['passwd', 'password'],
    ['tmrw', 'tomorrow'],
    ['tmr', 'tomorrow'],
    ['tmw', 'tomorrow'],
    ['2moro', 'tomorrow'],
    ['2day', 'today'],
    ['thx', 'thanks'],
    ['thnx', 'thanks'],
    ['ty', 'thanks'],
    ['tnx', 'thanks'],
    ['msg', 'message'],
    ['info', 'information'],
    ['e-mail', 'email'],
    ['mail', 'email'],
    ['login', 'log in'],
    ['logon', 'log in'],
    ['signin', 'sign in'],
    ['b4', 'before'],
    ['w', 'with'],
    ['abt', 'about'],
    ['bc', 'because'],
    ['coz', 'because'],
    ['sth', 'something'],
    ['smth', 'something'],
    ["teacher's", 'teacher'],
    ['wanna', 'want to'],
    ['gonna', 'going to'],
    ['gotta', 'have to'],
    ['ya', 'you'],
    ['y', 'why'],
    ['wat', 'what'],
    ['wht', 'what'],
    ['wot', 'what'],
    ['hw', 'how'],
    ['cud', 'could'],
    ['cld', 'could'],
    ['shud', 'should'],
    ['wud', 'would'],
    ['thanx', 'thanks'],
    ['cuz', 'because'],
    ['cos', 'because'],
    ['bcoz', 'because'],
    ['wheres', 'where is'],
    ['hows', 'how is'],
    ['thats', 'that is'],
    ['couldnt', 'could not'],
    ['wasnt', 'was not'],
    ['arent', 'are not'],
    ['acc', 'account'],
    ['acct', 'account'],
    ['pword', 'password'],
    ['uname', 'username'],
    ['usr', 'user'],
    ['skool', 'school'],
    ['ppl', 'people'],
    ['gr8', 'great'],
    ['l8r', 'later'],
    ['cya', 'goodbye'],
    ['ttyl', 'goodbye'],
    ['hv', 'have'],
    ['nd', 'and'],
    ['teh', 'the'],
  ]),
  synonyms: new Map([
    ['modify', 'change'],
    ['edit', 'change'],
    ['alter', 'change'],
    ['rename', 'change name'],
  ]),
};

/**
 * Words ending in "_" in the lists above are kept as content words (they carry meaning in this domain);
 * the suffix marks them as considered and deliberately kept.
 */
function dropKept(lexicon: Lexicon): Lexicon {
  const meaningful = new Set(
    [...lexicon.stopwords, ...lexicon.fillers].filter((w) => w.endsWith('_')).map((w) => w.slice(0, -1)),
  );
  const keep = (set: ReadonlySet<string>) => {
    const kept = [...set].filter((w) => !w.endsWith('_'));
    // "vår" folds to "var", a word kept on purpose ("where"): a folded form never hides a kept word.
    return new Set([...kept, ...kept.map(fold).filter((w) => !meaningful.has(w))]);
  };
  return { ...lexicon, stopwords: keep(lexicon.stopwords), fillers: keep(lexicon.fillers) };
}

/** The word lists per language. */
export const LEXICONS: Record<Locale, Lexicon> = { sv: dropKept(sv), en: dropKept(en) };
