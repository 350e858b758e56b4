/** Test doubles of the far side only (second entry point, never bundled into apps). */
export * from './testing/fake-hubspot-server';
export * from './testing/fake-crm-webhook';
