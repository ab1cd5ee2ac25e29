import { buildMatcher } from '../../src/bot/understanding.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { testSettings } from './fixtures.js';

/**
 * Vitest's global set-up: trains the knowledge base's model once, into the tests' model folder, before the test
 * files start (each file runs in a process of its own and would otherwise train it again).
 */
export default function trainModels(): void {
  const settings = testSettings();
  buildMatcher(loadKnowledgeBase(settings.HUB_FAQ_DIR), settings);
}
