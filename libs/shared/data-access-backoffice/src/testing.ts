/** Test double of the far side only (second entry point, never bundled into apps). */
export * from './testing/fake-backoffice';
