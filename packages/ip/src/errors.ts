import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/ip throws to developers, with what each one means. */
export const IP_ERROR_CODES = {
  ERR_IP_INVALID_SUBNET: "ipv6Subnet must be an integer prefix length from 1 to 128.",
} as const;

export type IpErrorCode = keyof typeof IP_ERROR_CODES;

/** Error thrown by @bulwark/ip for invalid options. */
export class IpError extends BulwarkError {
  declare readonly code: IpErrorCode;
}
