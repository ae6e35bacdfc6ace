/**
 * Plain-text analysis shared by the QA checks and the offline writers: the key terms of a text, the
 * terms that criteria require, and the length limits a text states.
 *
 * <p>It depends on nothing but the JDK.
 */
package dev.conveyor.activities.text;
