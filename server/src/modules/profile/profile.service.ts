import {
  checkProfileInput,
  type DocumentType,
  dateString,
  dateValue,
  type IdType,
  maskIdNumber,
  maskPhone,
  normalizeMobile,
  type Profile,
  type ProfileCreateRequest,
  type ProfileIdentity,
  type ProfileUpdateRequest,
} from '@hospital/shared';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { PiiCipher } from '../../security/pii';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';
import { requirePrivacyConsent } from '../privacy/use-cases/consent';
import { nameKey, personCandidates, personKey, samePerson } from './person';
import { phoneLookupHash } from './phone-hash';
import { type ProfileRow, profileRepository } from './profile.repository';

function present(p: ProfileRow): Profile {
  return {
    id: p.id,
    name: p.name,
    idType: p.idType,
    // Masked again on the way out: copies stored under an earlier, looser rule get today's (a mask of a mask
    // shows nothing the stored copy hid).
    idNumberMasked: p.idNumberMasked === null ? null : maskIdNumber(p.idNumberMasked, p.idType),
    guardian:
      p.guardianName && p.guardianIdNumberMasked && p.guardianIdType && p.guardianIdType !== 'CHILD_NO_ID'
        ? {
            name: p.guardianName,
            idType: p.guardianIdType,
            idNumberMasked: maskIdNumber(p.guardianIdNumberMasked, p.guardianIdType),
          }
        : null,
    phoneMasked: maskPhone(p.phoneMasked),
    birthDate: dateString(p.birthDate),
    sex: p.sex,
    relationship: p.relationship,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The normalised identity behind a create request (the contract already validated it, by the same rules). */
function identityOf(input: ProfileCreateRequest): ProfileIdentity {
  const { identity } = checkProfileInput(input);
  if (!identity) throw new AppError('VALIDATION_FAILED');
  return identity;
}

/**
 * The stored identity columns: the profile's own number, or for CHILD_NO_ID the guardian's, each as a keyed
 * hash (duplicates, the person), encrypted, and masked. The hash of a guardian's number is the one a profile of
 * the guardian has, so the two can be found together.
 */
function identityFields(pii: PiiCipher, identity: ProfileIdentity) {
  const numbered = (type: IdType, no: string) => ({
    hash: pii.hash(`${type}:${no}`),
    enc: pii.encrypt(no),
    masked: maskIdNumber(no, type),
  });
  const own = identity.idNumber === null ? null : numbered(identity.idType, identity.idNumber);
  const g = identity.guardian;
  const guardian = g ? numbered(g.idType, g.idNumber) : null;
  return {
    idNumberHash: own?.hash ?? null,
    idNumberEnc: own?.enc ?? null,
    idNumberMasked: own?.masked ?? null,
    guardianName: g?.name ?? null,
    guardianIdType: (g?.idType ?? null) as DocumentType | null,
    guardianIdNumberHash: guardian?.hash ?? null,
    guardianIdNumberEnc: guardian?.enc ?? null,
    guardianIdNumberMasked: guardian?.masked ?? null,
  };
}

function phoneFields(pii: PiiCipher, phone: string) {
  const normalized = normalizeMobile(phone) ?? phone;
  return {
    phoneEnc: pii.encrypt(normalized),
    phoneMasked: maskPhone(normalized),
    phoneHash: phoneLookupHash(pii, normalized),
  };
}

/**
 * Real-name patient profiles (就诊人) of one WeChat account. The account is the only key: every read and
 * write is scoped by it, and a profile of another account answers 404 so ids cannot be probed.
 */
export function createProfileService(deps: {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  audit: AuditService;
  catalog: CatalogService;
}) {
  const { db, uow, pii, audit } = deps;
  const repo = profileRepository(db);

  async function owned(accountId: string, id: string) {
    const row = await repo.findOwned(accountId, id);
    if (!row) throw notFound('就诊人');
    return row;
  }

  async function create(actor: Actor, accountId: string, input: ProfileCreateRequest) {
    const { rules } = await deps.catalog.hospitalContext();
    const identity = identityOf(input);
    const fields = identityFields(pii, identity);
    const person = { ...fields, birthDate: identity.birthDate, name: input.name };
    const row = await uow.run(async ({ tx }) => {
      const r = profileRepository(tx);
      await r.lockAccount(accountId);
      await requirePrivacyConsent(tx, actor, accountId);
      if ((await r.countActive(accountId)) >= rules.accounts.maxProfilesPerAccount) {
        throw AppError.with('PROFILE_LIMIT_REACHED', { max: rules.accounts.maxProfilesPerAccount });
      }
      const candidates = await r.listActiveCandidates(accountId, personCandidates(person));
      if (candidates.some((c) => samePerson(c, person))) throw new AppError('PROFILE_DUPLICATE_ID');
      const created = await r.create({
        accountId,
        name: input.name,
        idType: input.idType,
        ...fields,
        ...phoneFields(pii, input.phone),
        birthDate: dateValue(identity.birthDate),
        sex: identity.sex,
        relationship: input.relationship,
      });
      // Personal data stays out of the audit log: it records that a profile was added, not who it is.
      await audit.record(tx, actor, {
        action: 'profile.create',
        entityType: 'profile',
        entityId: created.id,
      });
      return created;
    });
    return present(row);
  }

  return {
    async list(accountId: string) {
      const { rules } = await deps.catalog.hospitalContext();
      const rows = await repo.listActive(accountId);
      return { items: rows.map(present), max: rules.accounts.maxProfilesPerAccount };
    },

    async get(accountId: string, id: string) {
      return present(await owned(accountId, id));
    },

    create,

    /** Every profile the account holds, archived ones too (the patient's data export, docs/decisions/020). */
    async listHeld(accountId: string) {
      const rows = await repo.listHeld(accountId);
      return rows.map((p) => ({ ...present(p), archivedAt: p.deletedAt?.toISOString() ?? null }));
    },

    /**
     * For window and phone bookings: the patient's existing profile found by ID number (on any account) whose
     * name, birth date and sex are the ones the clerk entered, or a new profile on a hospital-held account of
     * their own when the ID number is new. An ID number already known under another name is refused
     * (IDENTITY_MISMATCH, audited): the booking is not attached to that person on the number alone — a typo
     * in it would book someone else — and the answer does not say who they are. A child without an ID is
     * found by the guardian's number, birth date and name (person.ts), so only the sex can disagree.
     */
    async resolveForStaff(actor: Actor, input: ProfileCreateRequest): Promise<string> {
      const identity = identityOf(input);
      const person = { ...identityFields(pii, identity), birthDate: identity.birthDate, name: input.name };
      const known = (await repo.listAnyCandidates(personCandidates(person))).filter((p) =>
        samePerson(p, person),
      );
      const same = known.find(
        (p) =>
          nameKey(p.name) === nameKey(input.name) &&
          dateString(p.birthDate) === identity.birthDate &&
          p.sex === identity.sex,
      );
      if (same) return same.id;
      if (known.length) {
        await audit.record(db, actor, {
          action: 'profile.identity_mismatch',
          entityType: 'profile',
          entityId: known[0]!.id,
        });
        throw new AppError('IDENTITY_MISMATCH');
      }
      const account = await repo.upsertOfflineAccount(personKey(person)!.slice(0, 32));
      return (await create(actor, account.id, input)).id;
    },

    async update(actor: Actor, accountId: string, id: string, patch: ProfileUpdateRequest) {
      await owned(accountId, id);
      const row = await uow.run(async ({ tx }) => {
        if (patch.phone) await requirePrivacyConsent(tx, actor, accountId);
        const updated = await profileRepository(tx).update(id, {
          name: patch.name,
          relationship: patch.relationship,
          ...(patch.phone ? phoneFields(pii, patch.phone) : {}),
        });
        await audit.record(tx, actor, { action: 'profile.update', entityType: 'profile', entityId: id });
        return updated;
      });
      return present(row);
    },

    /** Archives the profile: bookings, bills and complaints keep pointing at it. */
    async remove(actor: Actor, accountId: string, id: string) {
      await owned(accountId, id);
      await uow.run(async ({ tx }) => {
        await profileRepository(tx).update(id, { deletedAt: deps.clock.now() });
        await audit.record(tx, actor, { action: 'profile.delete', entityType: 'profile', entityId: id });
      });
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
