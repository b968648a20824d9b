import { graphId } from './meta-graph-sim.ts';

/** A media container (Instagram, Threads): created, processed over a few polls, then published once. */
export type Container = {
  id: string;
  accountId: string;
  params: Record<string, string>;
  createdAt: Date;
  /** Status polls left before it is FINISHED (videos take a while; images are ready at once). */
  pollsLeft: number;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  errorMessage?: string;
};

const lifetimeMs = 24 * 3600_000;

/**
 * The containers of a simulated Meta product.
 * @example containers.create('1784', { image_url: 'https://x/a.jpg' }, 0)
 */
export function createContainers(now: () => Date) {
  const containers = new Map<string, Container>();
  const refresh = (container: Container): Container => {
    if (container.status !== 'PUBLISHED' && now().getTime() - container.createdAt.getTime() > lifetimeMs)
      container.status = 'EXPIRED';
    return container;
  };
  return {
    create(accountId: string, params: Record<string, string>, polls: number, errorMessage?: string): Container {
      const container: Container = {
        id: graphId(),
        accountId,
        params,
        createdAt: now(),
        pollsLeft: polls,
        status: errorMessage ? 'ERROR' : polls > 0 ? 'IN_PROGRESS' : 'FINISHED',
        errorMessage,
      };
      containers.set(container.id, container);
      return container;
    },
    get(id: string): Container | undefined {
      const container = containers.get(id);
      return container ? refresh(container) : undefined;
    },
    /** Reads the status the way a poll does: each poll moves processing on by one step. */
    poll(id: string): Container | undefined {
      const container = containers.get(id);
      if (!container) return undefined;
      refresh(container);
      if (container.status === 'IN_PROGRESS') {
        container.pollsLeft -= 1;
        if (container.pollsLeft <= 0) container.status = 'FINISHED';
      }
      return container;
    },
  };
}
