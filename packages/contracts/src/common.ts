import { z } from 'zod';

/** Server-generated identifiers are UUIDs. */
export const IdSchema = z.uuid();
export const IsoDateSchema = z.iso.datetime({ offset: true });

/** A page of a list endpoint. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });
