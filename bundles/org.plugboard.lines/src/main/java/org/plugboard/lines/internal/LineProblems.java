package org.plugboard.lines.internal;

import org.osgi.service.component.annotations.Component;
import org.plugboard.api.config.ConfigProblems;
import org.plugboard.configvalues.problems.ConfigProblemBoard;

/**
 * The line configurations that could not be applied, with their reasons: shown by {@code pbx:line-list} and
 * collected by {@code pbx:config-check}. {@link LineComponent} reports and clears them.
 */
@Component(service = {ConfigProblems.class, LineProblems.class}, property = ConfigProblems.SOURCE + "=lines")
public class LineProblems extends ConfigProblemBoard {
    public LineProblems() {
        super("lines", fieldsOf(LineConfig.class));
    }
}
