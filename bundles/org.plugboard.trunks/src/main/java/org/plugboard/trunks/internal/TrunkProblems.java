package org.plugboard.trunks.internal;

import org.osgi.service.component.annotations.Component;
import org.plugboard.api.config.ConfigProblems;
import org.plugboard.configvalues.problems.ConfigProblemBoard;

/**
 * The trunk configurations that could not be applied, with their reasons: shown by {@code pbx:trunk-list} and
 * collected by {@code pbx:config-check}. {@link TrunkComponent} reports and clears them.
 */
@Component(service = {ConfigProblems.class, TrunkProblems.class}, property = ConfigProblems.SOURCE + "=trunks")
public class TrunkProblems extends ConfigProblemBoard {
    public TrunkProblems() {
        super("trunks", fieldsOf(TrunkConfig.class));
    }
}
