/** The back-office client, or null when BACKOFFICE_API_URL is unset. */
export const BACKOFFICE_CLIENT = Symbol('BACKOFFICE_CLIENT');
