/**
 * Every GPU mixer, registered against its architecture card (gpuMixer.ts) when imported here. Add a new one here.
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

export { type GpuMixer, type GpuMixerCard, gpuMixer, registerGpuMixer } from './gpuMixer';
