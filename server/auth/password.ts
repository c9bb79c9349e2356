import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import type { Message, MessageParams } from "../errors";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, authMessages } from "./contract";

let strength: ZxcvbnFactory | undefined;

/**
 * Why a password is too weak to accept, or null if it is fine: long enough and not guessable
 * from common passwords, keyboard patterns or the person's own name and e-mail.
 */
export function passwordWeakness(password: string, personal: string[] = []): { message: Message; params?: MessageParams } | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { message: authMessages.password_too_short, params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { message: authMessages.password_too_long, params: { max: PASSWORD_MAX_LENGTH } };
  strength ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = strength.check(password, personal.filter(Boolean));
  if (result.score < 3) return { message: authMessages.password_guessable };
  return null;
}

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the response time the same, so
// timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password-only-for-timing");
  return dummyHash;
}
