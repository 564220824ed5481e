import { identityApi, rosterApi, rosterTransferRoutes, streetsApi, unitIdOf } from '@linli/shared';
import { writeCells } from '../../src/roster/transfer/sheetFiles';
import { call, signIn } from './http';

/**
 * A street of its own for an HTTP test, made the way a street starts in the product: the administrator
 * creates the street and its communities, appoints people by one-time codes that they redeem, and imports
 * a community's roster; residents bind by invitation codes. The api tier's files share one stack, so a test
 * that counts (a street's communities, a notice's households, a log's entries) counts in a street like this.
 */

export const REGION = '350102';

/** The street, created by `admin`: its id. */
export async function createStreet(admin: string, name: string): Promise<string> {
  const made = await call(streetsApi.createStreet, {
    token: admin,
    body: { name, district: '福州市鼓楼区', regionCode: REGION },
  });
  expect(made.status).toBe(201);
  return made.body.streetId;
}

/** A community of the street, created by `token` (the administrator or the street office). */
export async function createCommunity(token: string, streetId: string, name: string, address = `${name}路 1 号`) {
  const made = await call(streetsApi.createCommunity, {
    token,
    params: { streetId },
    body: { name, address, regionCode: REGION },
  });
  expect(made.status).toBe(201);
  return made.body;
}

/**
 * Appoints someone by a staff code (`street`: the street office; `committee`: a seat in a community), which
 * `openid`'s WeChat account redeems under `realName`: their token, holding the new role.
 */
export async function appointByCode(
  token: string,
  streetId: string,
  seat: { role: 'street' } | { role: 'committee'; communityId: string; invitee?: string },
  who: { openid: string; realName: string },
): Promise<string> {
  const code = await call(streetsApi.inviteStaff, { token, params: { streetId }, body: seat });
  expect(code.status).toBe(201);
  const appointed = await signIn({ openid: who.openid });
  const redeemed = await call(streetsApi.redeemStaffInvitation, {
    token: appointed,
    body: { code: code.body.code, realName: who.realName },
  });
  expect(redeemed.status).toBe(200);
  return appointed;
}

/** 台账 columns of the roster import; a row is [网格, 楼栋, 单元, 房号, 楼层, 面积, 业主姓名, 业主电话]. */
export type RosterRow = [string, string, string, string, number, number, string, string];

/** Imports `rows` as the community's roster through the upload, preview and apply the committee uses. */
export async function importRoster(token: string, communityId: string, rows: RosterRow[]): Promise<void> {
  const sheet = await writeCells(
    ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'],
    rows,
    'csv',
  );
  const presigned = await call(rosterTransferRoutes.createImportUpload, {
    token,
    params: { communityId },
    body: { fileName: 'roster.csv', contentType: 'text/csv', size: sheet.length },
  });
  expect(presigned.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.body.fields)) form.append(k, v);
  form.append('file', new Blob([sheet], { type: 'text/csv' }), 'roster.csv');
  expect((await fetch(presigned.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const preview = await call(rosterTransferRoutes.previewImport, {
    token,
    params: { communityId },
    body: { key: presigned.body.key, fileName: 'roster.csv' },
  });
  expect(preview.body.status).toBe('previewed');
  const applied = await call(rosterTransferRoutes.applyImport, {
    token,
    params: { communityId, jobId: preview.body.jobId },
  });
  expect(applied.status).toBeLessThan(300);
}

/** A community of the street with `rooms` in 1栋 1单元 and one fresh resident bound to each (as owner). */
export async function communityWithResidents(
  admin: string,
  streetId: string,
  name: string,
  rooms: string[],
  openidPrefix: string,
) {
  const { communityId } = await createCommunity(admin, streetId, name);
  await importRoster(
    admin,
    communityId,
    rooms.map((room) => ['第一网格', '1栋', '1单元', room, 1, 90, '', '']),
  );
  const residents: string[] = [];
  for (const room of rooms) {
    const unitId = unitIdOf(communityId, '1栋', '1单元', room);
    const code = await call(rosterApi.createInvitation, {
      token: admin,
      params: { communityId, unitId },
      body: { relation: 'owner' },
    });
    expect(code.status).toBe(201);
    const openid = `${openidPrefix}-${communityId}-${room}`;
    const bound = await call(identityApi.redeemInvitation, {
      token: await signIn({ openid }),
      body: { code: code.body.code, realName: `居民${room}` },
    });
    expect(bound.status).toBeLessThan(300);
    // Signed in again: the new token carries the binding.
    residents.push(await signIn({ openid }));
  }
  return { communityId, name, residents };
}
