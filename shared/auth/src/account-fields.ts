/**
 * The account fields the auth service accepts, shared with the services that pass accounts on to it
 * (the blog's RealWorld mount), so that their documents state the same rules and refuse the same input.
 */
import { z } from 'zod';

/** Letters, digits, `_`, `-` and `.`; 1-40 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export const UsernameSchema = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, 'username is 1-40 letters, digits, "_", "-" or ".", starting with a letter or digit')
  .meta({ example: 'ada' });

/** A profile image: an http(s) URL, or empty to clear it (either case, as `/^https?:\/\/\S+$/i` reads). */
export const PROFILE_IMAGE_PATTERN = '^(?:[Hh][Tt][Tt][Pp][Ss]?://\\S+)?$';
export const PROFILE_IMAGE_MAX_LENGTH = 500;
export const BIO_MAX_LENGTH = 1000;
