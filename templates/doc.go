// Package templates holds what perfeval ships for users to start from and to
// replace: built-in frameworks and report wording.
package templates
