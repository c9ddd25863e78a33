/**
 * Registers every mixer the engine implements. Modules that look mixers up (params, validation, forward)
 * import this file for its side effect, so a config never meets an empty registry. Add new mixers here.
 */
import './mixers/attentionMixer';
import './mixers/baseConvMixer';
import './mixers/linearAttentionMixer';
import './mixers/s4dMixer';
import './mixers/mambaMixer';
import './mixers/rgLruMixer';
import './mixers/hyenaMixer';
import './mixers/mamba2Mixer';
import './mixers/decayedLinearAttentionMixers';
import './mixers/h3Mixer';
import './mixers/monarchMixer';
