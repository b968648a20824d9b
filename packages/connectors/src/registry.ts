import type { Connector, NetworkId } from './connector.ts';

/**
 * The explicit list of connectors. Each network's folder exports one `Connector`; add it here.
 * Networks without a connector yet are simply absent, and the server says so to the user.
 */
export const connectors: Partial<Record<NetworkId, Connector>> = {};

/** The connector of a network, or undefined when there is none yet. */
export function connectorFor(network: NetworkId): Connector | undefined {
  return connectors[network];
}
