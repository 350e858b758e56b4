/**
 * The widget imports only types from @pegamento/contracts (erased from the bundle). The
 * contracts' index also holds Node-side code whose signatures name `Buffer`; under the
 * DOM-only UI tsconfig that name is declared as what it is, bytes.
 */
declare global {
  type Buffer = Uint8Array;
}

export {};
