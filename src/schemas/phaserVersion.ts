import { z } from 'zod';

/**
 * The Phaser line a record was written for or checked against ("3" or "4", config
 * `phaser.version`). Optional on read, so files written before the field existed still load
 * (they are "3").
 */
export const recordPhaserVersion = z.enum(['3', '4']).optional();
