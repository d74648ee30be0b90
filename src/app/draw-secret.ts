import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { commitmentOf, deriveDrawSecret, DRAW_KEY_BYTES } from '../domain/draw/commitment';
import type { DrawRow } from './ports/draws';
import { AppError, type AppEnv } from './use-case';

/** A fresh nonce for a new draw and the secret it gives with this installation's draw key. */
export function newDrawSecret(env: Pick<AppEnv, 'random' | 'drawKey'>, drawNo: string): { nonce: string; secret: Uint8Array } {
  const nonce = env.random.bytes(DRAW_KEY_BYTES);
  return { nonce: bytesToHex(nonce), secret: deriveDrawSecret(env.drawKey, nonce, drawNo) };
}

/**
 * A draw's secret, checked against its commitment: as stored once revealed (and by draws
 * prepared before the draw key existed), else derived from its nonce and the draw key. A key
 * that does not give the committed secret (replaced or lost) is refused with what to do.
 */
export function revealDrawSecret(env: Pick<AppEnv, 'drawKey'>, draw: DrawRow): Uint8Array {
  const secret = draw.secret
    ? hexToBytes(draw.secret)
    : draw.secretNonce
      ? deriveDrawSecret(env.drawKey, hexToBytes(draw.secretNonce), draw.drawNo)
      : undefined;
  if (!secret || commitmentOf(secret) !== draw.commitment) {
    throw new AppError(
      'invalid',
      `无法揭示 ${draw.drawNo} 的秘密值：本服务器的抽取密钥与准备这次抽取时的不同（密钥可能被更换或丢失）。` +
        '请从备份恢复抽取密钥（见 README“抽取密钥”）后重试；无法恢复时请放弃本次抽取（记录保留）并重新发起。',
    );
  }
  return secret;
}

/** The secret if it can be revealed, else undefined (an abandonment goes ahead without it, and says so). */
export function tryRevealDrawSecret(env: Pick<AppEnv, 'drawKey'>, draw: DrawRow): Uint8Array | undefined {
  try {
    return revealDrawSecret(env, draw);
  } catch (e) {
    if (e instanceof AppError) return undefined;
    throw e;
  }
}
