// A page of a list and how to ask for the next one: every list of every store reads this way.

/** One page of a list, newest first, and the opaque cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1 to 100. */
  limit: number;
  cursor?: string;
}
