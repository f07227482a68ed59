/** Notes printed under the HTTP table of RESULTS.md: what the variants do, and the profiles. */
export const HTTP_NOTES = `What each variant does: the bare variants parse JSON bodies and respond; the Bulwark variants run
the stack as configured for the CRM (strict security headers with a CSP nonce, client IP behind a
loopback proxy, the \`api\` and \`write\` limiters in memory, body limits, the sanitizer) and
validate \`POST /api/contacts\` against \`contactCreateSchema\`; the peer variants set helmet's
headers and count requests with their rate limiter, and neither validate nor sanitize the body.
The @fastify/rate-limit variant has one limiter per route, so it counts POST once, where the
others count it against both the \`api\` and the \`write\` limit. The "+ Bulwark's header bytes"
variants set the same response headers as the Bulwark variants, precomputed, with no other work.

Reading the figures: on a shared machine the requests per second of one variant can differ by
a factor of two between rounds (2.3 in the run above, with its load average), so compare the
server CPU per request, which other processes disturb less, before the throughput ratios.

What the profiles showed (\`pnpm bench --only http --profile <folder>\`, GET runs): the largest self
time in every variant is the socket write (\`writev\` on Express, \`writeUtf8String\` on Fastify),
and it grows with the response size. The strict preset and the RateLimit headers add about
700 bytes to each response, which the header-bytes control prices on its own. Bulwark's own
functions (client IP resolution, the header list with a fresh nonce, the two limiter checks)
each took a few percent of the samples, with no single hot spot. One hot-path fix came out of it:
both adapters built Node's \`headersDistinct\` copy of every request header to find the
Content-Type lines, even for GET; they now skip that for methods whose body is never read. The
rest of the Fastify overhead sits in the plugin's async \`onRequest\` and \`preParsing\` hooks and
in the per-request work each protection needs, none of which can be dropped without dropping
a protection.`;
