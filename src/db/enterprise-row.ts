import type { Enterprise, EnterpriseStatus, RiskLevel } from '../domain/model';

/** An enterprise as the directory stores it (SQL row or in-memory record): optional text as null. */
export interface StoredEnterprise {
  uscc: string;
  name: string;
  industry: string;
  township: string;
  address: string | null;
  contactPerson: string | null;
  phone: string | null;
  riskLevel: string;
  status: string;
  keySupervision: boolean;
}

/** The domain's enterprise of a stored row; the import checked risk level and status. */
export function toEnterprise(row: StoredEnterprise): Enterprise {
  return {
    uscc: row.uscc,
    name: row.name,
    industry: row.industry,
    township: row.township,
    address: row.address ?? undefined,
    contactPerson: row.contactPerson ?? undefined,
    phone: row.phone ?? undefined,
    riskLevel: row.riskLevel as RiskLevel,
    status: row.status as EnterpriseStatus,
    keySupervision: row.keySupervision,
  };
}

/** The stored row of the domain's enterprise: optional text as null. */
export function storedEnterprise(e: Enterprise): StoredEnterprise {
  return { ...e, address: e.address ?? null, contactPerson: e.contactPerson ?? null, phone: e.phone ?? null };
}
