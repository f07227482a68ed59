/** Notes printed under the HTTP table of RESULTS.md: what the variants do, and the profiles. */
export const HTTP_NOTES = `What each variant does: the bare variants parse JSON bodies and respond; the Bulwark variants run
the stack as configured for the CRM (strict security headers with a CSP nonce, client IP behind a
loopback proxy, the \`api\` and \`write\` limiters in memory, body limits, the sanitizer) and
validate \`POST /api/contacts\` against \`contactCreateSchema\`; the peer variants set helmet's
headers and count requests with their rate limiter, and neither validate nor sanitize the body.
The @fastify/rate-limit variant has one limiter per route, so it counts POST once, where the
others count it against both the \`api\` and the \`write\` limit. The "+ Bulwark's header bytes"
variants set the same response headers as the Bulwark variants, precomputed, with no other work.

Reading the figures: on a shared machine the requests per second of one variant have differed by
a factor of two between rounds, so compare the server CPU per request, which other processes
disturb less, before the throughput ratios.

What the profiles showed (\`pnpm bench --only http --profile <folder>\`, GET runs): the largest self
time in every variant is the socket write (\`writev\` on Express, \`writeUtf8String\` on Fastify),
and it grows with the response size. The strict preset and the RateLimit headers add about
700 bytes to each response, which the header-bytes control prices on its own. Ablation (the stack
with one protection off at a time) and an in-process loop over the GET steps found the avoidable
costs: copying the frozen header list with \`slice\` (V8's slow path for frozen arrays), path
normalisation for paths already in normal form, and parsing the same socket address on every
request. With those fixed, client IP, request id, security headers with a fresh nonce and both
stack limiters take about 1.2 µs per GET in an in-process loop. Instruction counts (valgrind
callgrind, Fastify GET, 3,000 requests) still show about 20,000 more instructions per request
than the control on the main thread. Named parts of it are string work on values that change
per response (joining, flattening) and lower-casing the mixed-case RateLimit header names,
together about a fifth. The rest is JIT-compiled JavaScript that the counts do not name, so
it remains unexplained.`;
