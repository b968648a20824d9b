/** Meta's standard messaging window: a Page or account may answer a person within 24 hours of their last message. */
export const messagingWindowHours = 24;

/**
 * Whether a DM may still be answered, and until when, from the person's last message.
 * @example messagingWindow(new Date('2026-05-01T10:00:00Z'), new Date('2026-05-02T09:00:00Z')) // { open: true, closesAt: 2026-05-02T10:00:00Z }
 */
export function messagingWindow(lastInboundAt: Date, now: Date): { open: boolean; closesAt: Date } {
  const closesAt = new Date(lastInboundAt.getTime() + messagingWindowHours * 3_600_000);
  return { open: now.getTime() <= closesAt.getTime(), closesAt };
}
