// Regenerates schema/phaser-sft.config.schema.json from the zod config (test/init checks it is current).
import { writeJsonAtomic, bundledPath, configJsonSchema } from '../src/core/index.js';

writeJsonAtomic(bundledPath('schema', 'phaser-sft.config.schema.json'), configJsonSchema());
