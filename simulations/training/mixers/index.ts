/**
 * Every training mixer, registered against its architecture card (trainableMixer.ts) when imported here. Add a
 * new one here; `TRAINABLE_MIXERS` and the trainable presets (../trainableArchitectures.ts) follow.
 */
import './attentionMixer';
import './linearAttentionMixer';
import './baseConvMixer';
import './s4dMixer';
import './mambaMixer';
import './rgLruMixer';
import './hyenaMixer';
import './mamba2Mixer';
import './retnetMixer';
import './glaMixer';
import './h3Mixer';
import './monarchMixer';

export {
  type CardTrainableMixer,
  type MixerContext,
  onTrainableMixerRegistered,
  registerTrainableMixer,
  TRAINABLE_MIXERS,
  type TrainableMixer,
  trainableMixer,
} from './trainableMixer';
