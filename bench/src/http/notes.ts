/** Notes printed under the HTTP table of RESULTS.md: what the variants do differently. */
export const HTTP_NOTES = `What each variant does: the bare variants parse JSON bodies and answer; the Bulwark variants run
the stack as configured for the CRM (strict security headers with a CSP nonce, client IP behind a
loopback proxy, the \`api\` and \`write\` limiters in memory, body limits, the sanitizer) and
validate \`POST /api/contacts\` against \`contactCreateSchema\`; the peer variants set helmet's
headers and count requests with their rate limiter, and neither validate nor sanitize the body.
The @fastify/rate-limit variant has one limiter per route, so it counts POST once, where the
others count it against both the \`api\` and the \`write\` limit.`;
