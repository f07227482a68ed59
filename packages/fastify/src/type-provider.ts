import type { FastifyTypeProvider } from "fastify";
import type { z } from "zod";

/**
 * Fastify type provider for zod 4 schemas in a route's `schema`: `request.body`, `request.query`
 * and `request.params` get the schemas' output types. The plugin validates those schemas itself,
 * in a preValidation hook, with the Bulwark error body.
 *
 * @example
 * const app = Fastify().withTypeProvider<ZodTypeProvider>();
 * app.post("/api/auth/login", { schema: { body: loginSchema } }, async (request) => request.body.username);
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends z.core.$ZodType ? z.output<this["schema"]> : unknown;
  serializer: this["schema"] extends z.core.$ZodType ? z.input<this["schema"]> : unknown;
}
