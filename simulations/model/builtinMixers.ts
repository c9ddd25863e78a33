/**
 * Registers every architecture card the engine implements. Modules that look mixers up (params, validation,
 * forward, presets, cost) import this file for its side effect, so a config never meets an empty registry.
 * Add a new card here. The order is the order of `ARCHITECTURES` (presets.ts) and of the cost model's entries.
 */
import './mixers/attentionMixer';
import './mixers/linearAttentionMixer';
import './mixers/baseConvMixer';
import './mixers/s4dMixer';
import './mixers/mambaMixer';
import './mixers/rgLruMixer';
import './mixers/hyenaMixer';
import './mixers/mamba2Mixer';
import './mixers/retnetMixer';
import './mixers/glaMixer';
import './mixers/h3Mixer';
import './mixers/monarchMixer';
