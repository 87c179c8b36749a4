import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../../src/access/accounts.ts';
import { ValidationError } from '../../../src/schema/validate.ts';
import { tempDir } from '../../helpers/temp.ts';

let dir: string;
let cleanup: () => Promise<void>;
let store: AccountStore;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  store = new AccountStore(dir);
});
afterEach(async () => {
  store.close();
  await cleanup();
});

describe('AccountStore', () => {
  it('creates, then updates, an account whose password is an argon2id hash', async () => {
    expect(await store.put('Lan.Nguyen', 'first password', 'internal')).toBe('created');
    expect(await store.put('lan.nguyen', 'second password', 'secret')).toBe('updated');
    expect(store.list()).toMatchObject([{ name: 'lan.nguyen', clearance: 'secret' }]);
    expect(await store.authenticate('LAN.NGUYEN', 'second password')).toMatchObject({
      name: 'lan.nguyen',
      clearance: 'secret',
    });
    expect(await store.authenticate('lan.nguyen', 'first password')).toBeUndefined();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(`${dir}/accounts.sqlite`);
    const row = db.prepare('SELECT hash FROM accounts').get() as { hash: string };
    db.close();
    expect(row.hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses unknown names and wrong passwords alike', async () => {
    await store.put('minh', 'a long password', 'public');
    expect(await store.authenticate('nobody', 'a long password')).toBeUndefined();
    expect(await store.authenticate('minh', 'wrong password')).toBeUndefined();
    expect(await store.authenticate('', '')).toBeUndefined();
  });

  it('names the field and the reason for a bad name or a short password', async () => {
    await expect(store.put('a b', 'a long password', 'public')).rejects.toThrow(
      /username: expected 1 to 64 letters/,
    );
    await expect(store.put('ok', 'short', 'public')).rejects.toThrow(ValidationError);
  });

  it('changes clearance and removes accounts, saying when there was none', async () => {
    await store.put('hoa', 'a long password', 'internal');
    expect(store.setClearance('hoa', 'top-secret')).toBe(true);
    expect(store.get('hoa')?.clearance).toBe('top-secret');
    expect(store.setClearance('nobody', 'secret')).toBe(false);
    expect(store.remove('hoa')).toBe(true);
    expect(store.remove('hoa')).toBe(false);
    expect(store.get('hoa')).toBeUndefined();
  });

  it('counts login failures per key until cleared', () => {
    store.recordFailure('account:x', 1000);
    store.recordFailure('account:x', 2000);
    expect(store.failures('account:x')).toEqual({ failures: 2, last: 2000 });
    store.clearFailures('account:x');
    expect(store.failures('account:x')).toEqual({ failures: 0, last: 0 });
  });
});
