// Package testkit builds the workbooks tests and examples use from a
// reviewable text form (FromText, and the mkworkbook command that make
// examples runs), so that no test fixture is a binary blob.
package testkit
