/** Same rule as the API (api/src/modules/identity/schema.ts), checked early for a quicker answer. */
export const MIN_PASSWORD_LENGTH = 10;
