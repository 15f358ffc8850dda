package org.plugboard.calls.internal;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPRequest;

/** A client transaction that only holds its request: the tests play the peer and hand responses back themselves. */
final class RecordingTransaction implements ClientTransaction {
    private static final long serialVersionUID = 1L;
    private final Request request;
    private transient Object applicationData;

    RecordingTransaction(Request request) {
        this.request = request;
    }

    @Override
    public Request getRequest() {
        return request;
    }

    @Override
    public String getBranchId() {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
    }

    /** CANCEL as RFC 3261 9.1 builds it (same Request-URI, Call-ID, From, To, top Via, CSeq number). */
    @Override
    public Request createCancel() throws SipException {
        return ((SIPRequest) request).createCancelRequest();
    }

    @Override
    public Request createAck() {
        throw new UnsupportedOperationException("the B2BUA builds its ACKs itself");
    }

    @Override
    public void sendRequest() {
        throw new UnsupportedOperationException("sent through SipService.send");
    }

    @Override
    public Dialog getDialog() {
        return null;
    }

    @Override
    public TransactionState getState() {
        return TransactionState.PROCEEDING;
    }

    @Override
    public int getRetransmitTimer() {
        return 500;
    }

    @Override
    public void setRetransmitTimer(int retransmitTimer) {
    }

    @Override
    public void setApplicationData(Object data) {
        this.applicationData = data;
    }

    @Override
    public Object getApplicationData() {
        return applicationData;
    }

    @Override
    public void terminate() {
    }

    @Override
    public String toString() {
        return "tx(" + request.getMethod() + " " + getBranchId() + ")";
    }
}
