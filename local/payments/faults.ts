// Faults a test asks for (POST /__faults): the modes and how each request meets one.

export const FAULT_MODES = [
  'decline',
  'timeout',
  'transient',
  'instant',
  'pending',
  'silent',
  'decline-later',
  'garbled',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface Fault {
  mode: FaultMode;
  count: number;
  match?: string;
  delayMs?: number;
}

export class PaymentFaults {
  private readonly faults: Fault[] = [];

  /** The fault asked for, or why it is not one. */
  add(asked: Partial<Fault>): string | undefined {
    const fault = { count: 1, ...asked } as Fault;
    if (!FAULT_MODES.includes(fault.mode)) return `mode is one of ${FAULT_MODES.join(', ')}`;
    this.faults.push(fault);
    return undefined;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** Takes the first fault of these modes that applies to this request, if any, counted down. */
  take(text: string, modes: readonly FaultMode[]): Fault | undefined {
    const fault = this.find(text, modes);
    if (fault && --fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  /** Takes a "pending" fault whole: its count is how many checks answer PENDING, not how many requests it catches. */
  takeWhole(text: string, mode: FaultMode): Fault | undefined {
    const fault = this.find(text, [mode]);
    if (fault) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  private find(text: string, modes: readonly FaultMode[]): Fault | undefined {
    return this.faults.find((f) => modes.includes(f.mode) && (!f.match || text.includes(f.match)));
  }
}
