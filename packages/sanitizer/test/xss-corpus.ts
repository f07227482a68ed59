import { HAS_CORPORA, readCorpus, readCorpusLines } from "@bulwark-test/support";

interface DomPurifyCase {
  readonly payload: string;
}

interface MarioVector {
  readonly vector: string;
}

const LINE_LISTS = [
  "IntrudersXSS.txt",
  "JHADDIX_XSS.txt",
  "RSNAKE_XSS.txt",
  "XSSDetection.txt",
  "XSS_Polyglots.txt",
  "xss_payloads_quick.txt",
  "xss_alert_identifiable.txt",
];

/**
 * Loads every XSS payload of the shared corpora: the PayloadsAllTheThings lists, the html5sec
 * vectors and the DOMPurify test payloads. Returns an empty list when the corpora are absent.
 */
export function loadXssPayloads(): string[] {
  if (!HAS_CORPORA) return [];
  const lines = LINE_LISTS.flatMap((file) => readCorpusLines("payloadsallthethings", "xss", file));
  const mario = JSON.parse(
    readCorpus("payloadsallthethings", "xss", "MarioXSSVectors.json"),
  ) as MarioVector[];
  const dompurify = JSON.parse(readCorpus("dompurify", "expect.json")) as DomPurifyCase[];
  return [
    ...lines,
    ...mario.map((entry) => entry.vector),
    ...dompurify.map((entry) => entry.payload),
  ];
}
