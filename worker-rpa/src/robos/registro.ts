import { ConcentradorRPA } from './base/concentrador';
import { EmbratelRPA } from './embratel/embratel';
import { DigitalnetRPA } from './digitalnet/digitalnet';
import { OiRPA } from './oi/oi';
import { VivoRPA } from './vivo/vivo';
import { SatRPA } from './sat/sat';

/** Robôs disponíveis: um robô novo = um arquivo e uma linha aqui. */
export const criarConcentrador = (): ConcentradorRPA =>
  new ConcentradorRPA([new EmbratelRPA(), new OiRPA(), new DigitalnetRPA(), new VivoRPA(), new SatRPA()]);
