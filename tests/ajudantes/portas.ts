import net from 'net';

/** Porta livre do loopback (o sistema escolhe; fechada logo em seguida para quem for usá-la). */
export const portaLivre = (): Promise<number> =>
  new Promise((resolver, rejeitar) => {
    const servidor = net.createServer();
    servidor.listen(0, '127.0.0.1', () => {
      const { port } = servidor.address() as net.AddressInfo;
      servidor.close(() => resolver(port));
    });
    servidor.on('error', rejeitar);
  });

/** Algo aceita conexão nesta porta do loopback? */
export const portaAberta = (porta: number): Promise<boolean> =>
  new Promise((resolver) => {
    const socket = net.connect(porta, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolver(true)));
    socket.once('error', () => resolver(false));
  });
