// Faults a test asks for (POST /__faults): the next sends fail with SES's error, or are accepted
// and then bounce or complain.

export interface Fault {
  count: number;
  code: string;
  status: number;
  to?: string;
  /** SES's own words, e.g. "Daily message quota exceeded." (a Throttling error, as SES sends it). */
  message?: string;
}

const FAULT_STATUS: Record<string, number> = {
  Throttling: 400,
  MessageRejected: 400,
  ServiceUnavailable: 503,
  InternalFailure: 500,
};
const FEEDBACK_FAULTS = new Set(['Bounce', 'Complaint']);

export const isFeedbackFault = (fault: Fault) => FEEDBACK_FAULTS.has(fault.code);

export class SesFaults {
  private readonly faults: Fault[] = [];

  add(asked: Partial<Fault>): void {
    const code = asked.code ?? 'Throttling';
    this.faults.push({
      count: asked.count ?? 1,
      code,
      status: asked.status ?? FAULT_STATUS[code] ?? 400,
      ...(asked.to ? { to: asked.to } : {}),
      ...(asked.message ? { message: asked.message } : {}),
    });
  }

  /** Every fault, or those of one recipient. */
  clear(to?: string): void {
    const kept = to === undefined ? [] : this.faults.filter((fault) => fault.to !== to);
    this.faults.splice(0, this.faults.length, ...kept);
  }

  /** The fault this send meets, if any, counted down. */
  take(recipients: string[]): Fault | undefined {
    const fault = this.faults.find((f) => !f.to || recipients.includes(f.to));
    if (fault && --fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}
