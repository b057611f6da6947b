package io.github.evesso.sample.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.ha.session.SessionMessage;
import org.apache.catalina.tribes.ChannelListener;
import org.apache.catalina.tribes.Member;
import org.apache.catalina.tribes.group.RpcMessage;
import org.apache.catalina.tribes.io.XByteBuffer;
import org.apache.catalina.tribes.tipis.AbstractReplicatedMap;

/**
 * Records the session-replication messages a node receives (DeltaManager's {@link SessionMessage}s, BackupManager's
 * map messages and their RPCs; not membership heartbeats), each with the size of its serialized form: the payload
 * tribes carries, before its framing (about 100 bytes: the sender's member data, ids, lengths) and the
 * EncryptInterceptor's 28 bytes (IV and tag). A listener beside the cluster's own: it changes nothing.
 */
final class ReplicationProbe implements ChannelListener {

    /**
     * One message received.
     *
     * @param type e.g. {@code SESSION-DELTA}, {@code SESSION-ACCESSED}, {@code MSG_BACKUP}
     * @param bytes the size of the serialized message
     */
    record Received(String type, int bytes) {
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    @Override
    public boolean accept(Serializable msg, Member sender) {
        return msg instanceof SessionMessage || msg instanceof AbstractReplicatedMap.MapMessage
                || msg instanceof RpcMessage;
    }

    @Override
    public void messageReceived(Serializable msg, Member sender) {
        String type = msg instanceof SessionMessage s ? s.getEventTypeString()
                : msg instanceof AbstractReplicatedMap.MapMessage m ? m.getTypeDesc()
                : msg.getClass().getSimpleName();
        try {
            received.add(new Received(type, XByteBuffer.serialize(msg).length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages received since the last call, oldest first. */
    List<Received> drain() {
        List<Received> list = new ArrayList<>();
        for (Received r; (r = received.poll()) != null; ) {
            list.add(r);
        }
        return list;
    }
}
