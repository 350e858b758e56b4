/** The widget's named limits and fixed values (the server's are in its config). */

/** socket.io path of the web chat (contract.md). */
export const SOCKET_PATH = '/api/v1/web/socket';

/** Longest message the composer lets a customer type: the contract's default WEB_MESSAGE_MAX_CHARS. A server with a lower limit answers 413, shown as such. */
export const MESSAGE_MAX_CHARS = 4_000;

/**
 * Longest `mailto:` URL the "E-mail conversation" link makes. Mail programs and
 * operating systems cut or refuse longer ones (about 2,000 characters is the safe
 * common limit); a longer transcript keeps its newest messages, with a note.
 */
export const MAILTO_MAX_LENGTH = 1_900;

/** How long the assistant's "is writing" line stays without an answer (it is text, never an animation). */
export const TYPING_VISIBLE_MS = 20_000;

/** When the socket refuses the token but the conversation still answers over HTTP: wait this long, then connect again. */
export const LIVE_RETRY_MS = 5_000;

/** sessionStorage key prefix; the API origin follows, so two Pegamento hosts on one page keep apart. */
export const STORAGE_KEY_PREFIX = 'pegamento-chat:v1:';
