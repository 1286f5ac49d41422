/** The worker's notion of "now" for reminders and quiet hours: tests advance it instead of waiting. */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date();
