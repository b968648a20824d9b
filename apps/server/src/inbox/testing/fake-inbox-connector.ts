import { connectors, type Connector, type InboxItemRef } from '@sillage/connectors';

/**
 * An in-memory inbox on the fake `x` network of the test app: nothing to read, replies and hides recorded with
 * the ids a network would give them (for the generated route tests, which need every route to succeed).
 */
export function createFakeInboxConnector() {
  const replies: { item: InboxItemRef; text: string; networkId: string }[] = [];
  const hidden = new Map<string, boolean>();
  const connector: Connector = {
    ...connectors.x,
    listInboxItems: async (_context, cursor) => ({ items: [], cursor, hasMore: false }),
    async replyToItem(_context, item, text) {
      const networkId = `fake-reply-${replies.length + 1}`;
      replies.push({ item, text, networkId });
      return { networkId };
    },
    async hideItem(_context, item, value) {
      hidden.set(item.networkItemId, value);
    },
  };
  return { connector, replies, hidden };
}
