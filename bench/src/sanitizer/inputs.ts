// The inputs of the sanitizer benchmarks, shared by the throughput runs and the RSS child process.

/** A 40-character name with nothing to remove. */
export const NAME = "Dr. María-José O'Connor & Partners Ltd.";

const NOTE_PARAGRAPH =
  "<p>Met with the <b>procurement team</b> on Tuesday; they want a quote for 40 seats &amp; the " +
  'onboarding package before Q3. Follow up via <a href="https://example.com/crm/deal/42">the deal page</a> ' +
  "and loop in Siobhán (legal) for the DPA.</p>\n<ul><li>Budget: 5 > 3 options</li><li>Decision by 30 June</li></ul>\n";

/** A 2 KB note with some markup. */
export const NOTE = NOTE_PARAGRAPH.repeat(Math.ceil(2048 / NOTE_PARAGRAPH.length)).slice(0, 2048);

const HOSTILE_PIECES = [
  '<img src=x onerror="alert(1)">',
  "<script>fetch('/steal?c='+document.cookie)</script>",
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<<b>script>alert(1)<</b>/script>",
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  "' OR '1'='1'; DROP TABLE users; --",
];

/** A 1 KB payload of XSS and SQL-injection attempts. */
export const HOSTILE = HOSTILE_PIECES.join(" ").repeat(4).slice(0, 1024);

export const INPUTS = { "name 40 B": NAME, "note 2 KB": NOTE, "hostile 1 KB": HOSTILE } as const;
