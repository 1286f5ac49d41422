import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  RESERVED_ROLE_NAMES,
  type CreateIncidentFieldInput,
  type CreateResponderTypeInput,
  type UpdateIncidentFieldInput,
} from '@pm/contracts';
import { ensureDefaultIncidentType, IncidentField, IncidentType, Responder, ResponderType } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { toFieldDto, toIncidentTypeDto, toResponderTypeDto } from './incident.mapper.js';

/** Incident configuration: incident types, custom property field definitions, custom responder types. */
@Injectable()
export class SettingsService {
  constructor(private readonly orm: MikroORM) {}

  async incidentTypes() {
    const em = this.orm.em;
    await ensureDefaultIncidentType(em);
    await em.flush();
    const rows = await em.find(IncidentType, {}, { orderBy: { name: 'asc' } });
    return { items: rows.map(toIncidentTypeDto) };
  }

  async fields() {
    const rows = await this.orm.em.find(IncidentField, {}, { orderBy: { name: 'asc' } });
    return { items: rows.map(toFieldDto) };
  }

  async createField(input: CreateIncidentFieldInput) {
    const em = this.orm.em;
    if (await em.count(IncidentField, { name: input.name }))
      throw new AppError('FIELD_NAME_TAKEN', `name: a field named ${input.name} already exists`, {
        issues: [{ path: 'name', message: 'already exists', code: 'taken' }],
      });
    const f = em.create(IncidentField, {
      ...input,
      options: input.type.endsWith('_select') ? input.options : [],
    });
    await em.flush();
    return toFieldDto(f);
  }

  async updateField(id: string, input: UpdateIncidentFieldInput) {
    const f = await this.field(id);
    if (input.displayName !== undefined) f.displayName = input.displayName;
    if (input.options !== undefined && f.type.endsWith('_select')) f.options = input.options;
    await this.orm.em.flush();
    return toFieldDto(f);
  }

  /** Removes the definition; stored values stay in incidents but are no longer shown or rendered. */
  async removeField(id: string) {
    await this.orm.em.remove(await this.field(id)).flush();
  }

  async responderTypes() {
    const rows = await this.orm.em.find(ResponderType, {}, { orderBy: { name: 'asc' } });
    return { items: rows.map(toResponderTypeDto) };
  }

  async createResponderType(input: CreateResponderTypeInput) {
    const em = this.orm.em;
    const lower = input.name.toLowerCase();
    if (RESERVED_ROLE_NAMES.some((n) => n.toLowerCase() === lower))
      throw new AppError('RESPONDER_TYPE_NAME_RESERVED', `name: "${input.name}" is a built-in role`, {
        issues: [{ path: 'name', message: 'is a built-in role', code: 'reserved' }],
      });
    if (await em.count(ResponderType, { name: input.name }))
      throw new AppError('CONFLICT', `name: a responder type named ${input.name} already exists`);
    const t = em.create(ResponderType, {
      name: input.name,
      description: input.description ?? null,
      onePerson: input.onePerson,
    });
    await em.flush();
    return toResponderTypeDto(t);
  }

  /** Deleting a type turns its holders back into plain Responders. */
  async removeResponderType(id: string) {
    const em = this.orm.em;
    const t = await em.findOne(ResponderType, { id });
    if (!t) throw new AppError('RESPONDER_TYPE_NOT_FOUND', `Responder type ${id} was not found`);
    await em.nativeUpdate(Responder, { customType: t }, { role: 'responder', customType: null });
    await em.remove(t).flush();
  }

  private async field(id: string) {
    const f = await this.orm.em.findOne(IncidentField, { id });
    if (!f) throw new AppError('FIELD_NOT_FOUND', `Field ${id} was not found`);
    return f;
  }
}
