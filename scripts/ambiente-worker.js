/* O filtro mora no contrato (o worker usa o mesmo ao ler o .env); exige o contrato compilado. */
const ambienteDoWorker = (ambiente) => require('@orquestrador-rpa/contrato').ambienteDoWorker(ambiente);

module.exports = { ambienteDoWorker };
