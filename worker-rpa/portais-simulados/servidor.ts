import {
  FATURA_AZUTON_DEMONSTRACAO,
  iniciarAzutonDemonstracao,
  iniciarDigitalnetDemonstracao,
  iniciarEmbratelDemonstracao,
  iniciarOiDemonstracao,
  iniciarSatDemonstracao,
  iniciarVivoDemonstracao,
} from './demonstracao';

/** `npm run portais-simulados`: sobe os portais simulados com os dados de demonstração. */
const iniciar = async (): Promise<void> => {
  const embratel = await iniciarEmbratelDemonstracao();
  const oi = await iniciarOiDemonstracao();
  const digitalnet = await iniciarDigitalnetDemonstracao();
  const vivo = await iniciarVivoDemonstracao();
  const azuton = await iniciarAzutonDemonstracao();
  const sat = await iniciarSatDemonstracao();
  console.log(`Portal Embratel simulado: ${embratel.urlLogin} (usuário usuario.demo, senha Demo#Portal1)`);
  console.log(`Portal Oi simulado: ${oi.urlLogin} (e-mail contas@demo.invalid, senha Demo#Oi1)`);
  console.log(
    `Portal Digitalnet simulado: ${digitalnet.urlLogin} (CPF/CNPJ 11222333000181, senha Demo#Dig1; API ${digitalnet.urlApi})`
  );
  console.log(
    `Portal Vivo simulado: ${vivo.urlLogin} (e-mail gestor@demo.invalid, CPF 52998224725, senha Demo#Vivo1)`
  );
  console.log(
    `Páginas da Azuton simuladas: boleto ${azuton.url}/boletos/${FATURA_AZUTON_DEMONSTRACAO.id} (a fatura chega por e-mail: npm run robo -- AZU --simulador lê um e-mail de exemplo)`
  );
  console.log(`SAT simulado: ${sat.url}/ (usuário robo.sat, senha Demo#Sat1)`);
  const encerrar = async () => {
    await Promise.all([
      embratel.fechar(),
      oi.fechar(),
      digitalnet.fechar(),
      vivo.fechar(),
      azuton.fechar(),
      sat.fechar(),
    ]);
    process.exit(0);
  };
  process.on('SIGINT', () => void encerrar());
  process.on('SIGTERM', () => void encerrar());
};

void iniciar();
