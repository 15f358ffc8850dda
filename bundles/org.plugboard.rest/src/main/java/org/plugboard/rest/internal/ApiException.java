package org.plugboard.rest.internal;

/** Ends a request with a problem response; thrown anywhere below a resource handler. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false); // an expected outcome: no stack trace to fill
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
